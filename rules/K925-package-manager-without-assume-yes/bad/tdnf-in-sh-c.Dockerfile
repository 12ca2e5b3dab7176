FROM photon:5.0
RUN tdnf install shadow && tdnf clean all
RUN sh -c "tdnf remove -q vim"
